using SupportBot.Engine.Knowledge;

namespace SupportBot.Engine.Indexing;

/// <summary>Turns the knowledge base into index documents: one per FAQ entry and one per passage.</summary>
public static class DocumentBuilder
{
    public static List<SearchDocument> Build(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var documents = knowledge.Faqs
            .Select(f => new SearchDocument(f.Id, DocumentKinds.Faq, f.Question, f.Answer, [f.Question, .. f.Alternates], f.Tags))
            .ToList();
        foreach (var article in knowledge.Articles)
        {
            documents.AddRange(article.Passages.Select(p => new SearchDocument(
                p.Id,
                DocumentKinds.Passage,
                p.Heading == article.Title ? article.Title : $"{article.Title}: {p.Heading}",
                p.Text,
                [],
                [])));
        }

        return documents;
    }
}
